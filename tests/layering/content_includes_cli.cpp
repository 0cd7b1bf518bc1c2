#include "cli/commands.h"  // nothing in app/ may see the CLI
