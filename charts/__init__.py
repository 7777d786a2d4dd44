"""Chart builders: pure functions returning Altair charts. They never render."""
