from smart.monitoring.tests.test_deadlines import november  # noqa: F401 - shared fixture
