"""The content toolkit every form family uses: answer models, checks, shared questions."""
