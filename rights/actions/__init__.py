"""One module per command that writes a letter and logs it: request, batch, reminder,
answer, complaint, the wizard and the demo."""
