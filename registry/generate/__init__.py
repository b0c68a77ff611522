"""Generators: catalog -> files. Each target is a function from the resolved catalog to a
mapping of relative paths to file contents; nothing here touches the disk (see writer)."""
