package validate

import (
	"fmt"
	"os"
)

// maxSuiteFile bounds the size of a suite file read into memory.
const maxSuiteFile = 64 << 20

func readFile(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if st.Size() > maxSuiteFile {
		return nil, fmt.Errorf("%s: %d bytes, more than a suite file should hold", path, st.Size())
	}
	return os.ReadFile(path)
}
