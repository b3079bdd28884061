"""Lesson 12: its checks' feedback and its predict questions, in Simplified Chinese."""

MESSAGES = {
}
