// Command umzug moves the content of legacy websites into a new CMS.
package main

import (
	"os"

	"github.com/umzug/umzug/cmd"
)

func main() {
	os.Exit(cmd.Main())
}
