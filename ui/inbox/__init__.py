"""The back office's inbox: the routed procedures of the user's departments, live."""
