#include "escape/SmallBuffer.h"
