#include "escape/TripCount.h"
