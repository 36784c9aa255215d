<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<!-- incimap cluster points (cluster_points.geojson): one circle per DBSCAN cluster, sized by the
     classes of styles/breaks.json ("count") and labelled with the count.
     QGIS loads it automatically for cluster_points.geojson when it sits beside it. -->
<qgis version="3.22.0" styleCategories="Symbology|Labeling">
  <renderer-v2 type="graduatedSymbol" attr="count" graduatedMethod="GraduatedSize" symbollevels="0" forceraster="0" enableorderby="0">
    <ranges>
      <range lower="1" upper="5" symbol="0" label="up to 5" render="true"/>
      <range lower="5" upper="20" symbol="1" label="6 - 20" render="true"/>
      <range lower="20" upper="100" symbol="2" label="21 - 100" render="true"/>
      <range lower="100" upper="1000000000" symbol="3" label="more than 100" render="true"/>
    </ranges>
    <symbols>
      <symbol type="marker" name="0" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="84,39,143,190"/>
            <Option name="name" type="QString" value="circle"/>
            <Option name="outline_color" type="QString" value="255,255,255,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="1"/>
            <Option name="outline_width_unit" type="QString" value="Pixel"/>
            <Option name="scale_method" type="QString" value="diameter"/>
            <Option name="size" type="QString" value="10"/>
            <Option name="size_unit" type="QString" value="Pixel"/>
          </Option>
        </layer>
      </symbol>
      <symbol type="marker" name="1" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="84,39,143,190"/>
            <Option name="name" type="QString" value="circle"/>
            <Option name="outline_color" type="QString" value="255,255,255,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="1"/>
            <Option name="outline_width_unit" type="QString" value="Pixel"/>
            <Option name="scale_method" type="QString" value="diameter"/>
            <Option name="size" type="QString" value="16"/>
            <Option name="size_unit" type="QString" value="Pixel"/>
          </Option>
        </layer>
      </symbol>
      <symbol type="marker" name="2" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="84,39,143,190"/>
            <Option name="name" type="QString" value="circle"/>
            <Option name="outline_color" type="QString" value="255,255,255,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="1"/>
            <Option name="outline_width_unit" type="QString" value="Pixel"/>
            <Option name="scale_method" type="QString" value="diameter"/>
            <Option name="size" type="QString" value="24"/>
            <Option name="size_unit" type="QString" value="Pixel"/>
          </Option>
        </layer>
      </symbol>
      <symbol type="marker" name="3" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="84,39,143,190"/>
            <Option name="name" type="QString" value="circle"/>
            <Option name="outline_color" type="QString" value="255,255,255,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="1"/>
            <Option name="outline_width_unit" type="QString" value="Pixel"/>
            <Option name="scale_method" type="QString" value="diameter"/>
            <Option name="size" type="QString" value="34"/>
            <Option name="size_unit" type="QString" value="Pixel"/>
          </Option>
        </layer>
      </symbol>
    </symbols>
  </renderer-v2>
  <labeling type="simple">
    <settings calloutType="simple">
      <text-style fieldName="count" isExpression="0" fontSize="8" fontSizeUnit="Point" fontWeight="75" textColor="255,255,255,255" textOpacity="1" namedStyle="Bold" fontFamily="DejaVu Sans">
        <text-buffer bufferDraw="0" bufferSize="0.8" bufferSizeUnits="MM" bufferColor="84,39,143,255"/>
      </text-style>
      <placement placement="1" offsetType="0" quadOffset="4" xOffset="0" yOffset="0" offsetUnits="MM" dist="0"/>
      <rendering obstacle="0" displayAll="1" upsidedownLabels="0" scaleVisibility="0" fontMinPixelSize="3" fontMaxPixelSize="10000"/>
    </settings>
  </labeling>
</qgis>
