#pragma once
// The GL header for this platform: OpenGL ES 3 (WebGL2) or desktop OpenGL.
#ifdef __EMSCRIPTEN__
#include <GLES3/gl3.h>
#else
// Linux's libGL (glvnd) exports every core entry point, so prototypes are
// enough; other desktop platforms would need a loader here.
#define GL_GLEXT_PROTOTYPES 1
#include <GL/glcorearb.h>
#endif
