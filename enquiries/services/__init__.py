"""Every write of the enquiries app: intake (`intake`), the brokers' workflow (`workflow`)."""
