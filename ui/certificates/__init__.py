"""The certificate desk (証明書交付): the request, the payment, the day's close (日計).

Every rule (who may ask for what, the fees, 減免) is the core's (`app.certificates`):
the widgets only ask it and show its answers.
"""
