#include <memory>
struct Config { int level = 0; char name[32]; };
struct Point { int x = 0, y = 0; };
