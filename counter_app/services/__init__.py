"""Domain services: each opens its own unit of work and checks the actor's permissions."""
