"""What a field name, format and type say about the data a field holds."""
