"""Sites described by entries (TOML files of declarative spider attributes) and the tools that write them."""
