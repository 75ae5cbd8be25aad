"""The face: Strawberry types, queries and mutations; thin, over the domain operations."""
