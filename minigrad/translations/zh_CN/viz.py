"""Widget labels and the stepper's sentences, in Simplified Chinese."""

MESSAGES = {
}
