"""Stage 4: find the sentences that satisfy an element's wordings, on jieba word boundaries."""
