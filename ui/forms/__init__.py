"""The visit's filled forms on screen: the preview, printing and saving the PDF."""
