"""What runs in threads inside ``intyg serve``: the read models and the relay."""
