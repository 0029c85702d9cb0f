"""The Arbetsförmedlingen certificates AF00213 and AF00251 (TYPES.md §12-13)."""
