"""An inspector's audit of folders of submissions: find the files, check them in worker
processes, write the outputs."""
