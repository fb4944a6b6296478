"""Portfolio: the CV built from every pillar's records (with publications and awards, its own records), the FHIR
Practitioner of a person's licences and certifications, and one calendar feed of the pillars a person chooses."""
