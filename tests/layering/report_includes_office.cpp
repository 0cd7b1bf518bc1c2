#include "office/report_source.h"  // reports never open a store
