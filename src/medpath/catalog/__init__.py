"""Reference data about the world (careers, pathways, rules), each fact with its source."""
