#pragma once
// The GL header for this platform: OpenGL ES 3 (WebGL2) or desktop OpenGL.
#ifdef __EMSCRIPTEN__
#include <GLES3/gl3.h>
#else
#include <GL/gl.h>
#endif
