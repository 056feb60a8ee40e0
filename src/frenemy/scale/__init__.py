"""Running the extraction pipeline over many documents: in worker processes here, or on Ray."""
