#include "store/kiosk_store.h"  // core must not see store
