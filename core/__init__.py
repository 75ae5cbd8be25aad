"""The ground floor, below every other package: the error type and the clock they share."""
