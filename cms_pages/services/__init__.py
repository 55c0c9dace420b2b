"""Services that do work on the catalogue: import, export and their shared format."""
