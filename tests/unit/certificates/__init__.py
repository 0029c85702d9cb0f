"""Unit tests: The certificate's lifecycle rules and the stored-topic registry."""
