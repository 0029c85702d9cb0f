"""The printouts: certificates as PDFs people read (api/documents)."""
