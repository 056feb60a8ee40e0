"""The spaCy pipeline and our analysis components."""
