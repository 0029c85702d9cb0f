"""PDL access log (patientdatalagen 4 kap.): who read whose patient data, when and why."""
