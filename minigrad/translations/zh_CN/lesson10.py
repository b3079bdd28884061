"""Lesson 10: its checks' feedback and its predict questions, in Simplified Chinese."""

MESSAGES = {
}
