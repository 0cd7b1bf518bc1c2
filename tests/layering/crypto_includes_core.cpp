#include "core/event.h"  // crypto is a leaf: base only
