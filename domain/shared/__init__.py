"""The shared kernel: identities, care, patient, errors, validation results."""
