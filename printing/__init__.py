"""Printed documents: form and receipt layouts rendered to PDF with barcodes."""
