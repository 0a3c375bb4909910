// Printed before the test run so every log says which Node.js ran the suite.
console.log(`news-digest tests on Node.js ${process.versions.node} (${process.platform}-${process.arch})`);
