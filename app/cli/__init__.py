"""The `kua` command line: the parser (main), one module per command group, and their shared printing (io, output)."""
