package umzug

// NumPayloads is numPayloads for the tests of package umzug_test.
const NumPayloads = numPayloads
