"""Lesson 08: its checks' feedback and its predict questions, in Simplified Chinese."""

MESSAGES = {
}
