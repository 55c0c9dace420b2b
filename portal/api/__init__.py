"""The public JSON API's contract: the OpenAPI document and what is built from it."""
