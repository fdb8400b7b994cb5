"""The Qt screens of counter-app; composes the core, printing and devices."""
