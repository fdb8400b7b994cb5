"""Finding a resident and showing their record: the search panel, its table model, the record view."""
