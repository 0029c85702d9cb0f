"""The content of every certificate type: one subpackage per form family, a toolkit they share, the
registry."""
