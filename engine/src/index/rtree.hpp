#pragma once
// The Boost.Geometry types behind incimap's R-trees: points and boxes in plain lon/lat degrees
// (cartesian; each index handles the antimeridian and distances on the ground itself).
#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

namespace incimap {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace rtree {
using Point = bg::model::point<double, 2, bg::cs::cartesian>;
using Box = bg::model::box<Point>;
}  // namespace rtree

}  // namespace incimap
