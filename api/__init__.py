"""The HTTP API and the CLI: the outermost layer; nothing imports it."""
