#include "content/content.h"  // store must not see content
