<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.16-Białowieża" styleCategories="AllStyleCategories" labelsEnabled="0" hasScaleBasedVisibilityFlag="0" maxScale="0" minScale="100000000" simplifyDrawingHints="0" simplifyLocal="1" simplifyAlgorithm="0" simplifyDrawingTol="1" simplifyMaxScale="1" symbologyReferenceScale="-1" readOnly="0">
 <flags>
  <Identifiable>1</Identifiable>
  <Removable>1</Removable>
  <Searchable>1</Searchable>
  <Private>0</Private>
 </flags>
 <temporal enabled="1" mode="4" startField="event_start" endField="event_end" durationField="" durationUnit="min" fixedDuration="0" accumulate="0" startExpression="to_datetime(&quot;event_start&quot;)" endExpression="to_datetime(&quot;event_end&quot;) + make_interval(days:=1)" limitMode="0">
  <fixedRange>
   <start />
   <end />
  </fixedRange>
 </temporal>
 <renderer-v2 type="categorizedSymbol" attr="event_type" symbollevels="0" forceraster="0" referencescale="-1" enableorderby="0">
  <categories>
   <category value="battles" symbol="0" render="true" label="Battles" />
   <category value="explosions_remote_violence" symbol="1" render="true" label="Explosions/Remote violence" />
   <category value="violence_against_civilians" symbol="2" render="true" label="Violence against civilians" />
   <category value="protests" symbol="3" render="true" label="Protests" />
   <category value="riots" symbol="4" render="true" label="Riots" />
   <category value="strategic_developments" symbol="5" render="true" label="Strategic developments" />
   <category value="displacement" symbol="6" render="true" label="Displacement" />
   <category value="negotiations" symbol="7" render="true" label="Negotiations" />
   <category value="casualties_report" symbol="8" render="true" label="Casualties report" />
   <category value="diplomacy" symbol="9" render="true" label="Diplomacy" />
   <category value="humanitarian" symbol="10" render="true" label="Humanitarian" />
   <category value="" symbol="11" render="true" label="Other" />
  </categories>
  <symbols>
   <symbol type="marker" alpha="1" force_rhr="0" name="0" clip_to_extent="1">
    <data_defined_properties>
     <Option type="Map">
      <Option type="QString" name="name" value="" />
      <Option name="properties" />
      <Option type="QString" name="type" value="collection" />
     </Option>
    </data_defined_properties>
    <layer pass="0" locked="0" enabled="1" class="SimpleMarker">
     <Option type="Map">
      <Option type="QString" name="angle" value="0" />
      <Option type="QString" name="cap_style" value="square" />
      <Option type="QString" name="color" value="214,39,40,230" />
      <Option type="QString" name="horizontal_anchor_point" value="1" />
      <Option type="QString" name="joinstyle" value="bevel" />
      <Option type="QString" name="name" value="circle" />
      <Option type="QString" name="offset" value="0,0" />
      <Option type="QString" name="offset_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="offset_unit" value="Pixel" />
      <Option type="QString" name="outline_color" value="255,255,255,255" />
      <Option type="QString" name="outline_style" value="solid" />
      <Option type="QString" name="outline_width" value="1.5" />
      <Option type="QString" name="outline_width_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="outline_width_unit" value="Pixel" />
      <Option type="QString" name="scale_method" value="diameter" />
      <Option type="QString" name="size" value="14" />
      <Option type="QString" name="size_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="size_unit" value="Pixel" />
      <Option type="QString" name="vertical_anchor_point" value="1" />
     </Option>
     <prop k="angle" v="0" />
     <prop k="cap_style" v="square" />
     <prop k="color" v="214,39,40,230" />
     <prop k="horizontal_anchor_point" v="1" />
     <prop k="joinstyle" v="bevel" />
     <prop k="name" v="circle" />
     <prop k="offset" v="0,0" />
     <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="offset_unit" v="Pixel" />
     <prop k="outline_color" v="255,255,255,255" />
     <prop k="outline_style" v="solid" />
     <prop k="outline_width" v="1.5" />
     <prop k="outline_width_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="outline_width_unit" v="Pixel" />
     <prop k="scale_method" v="diameter" />
     <prop k="size" v="14" />
     <prop k="size_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="size_unit" v="Pixel" />
     <prop k="vertical_anchor_point" v="1" />
     <data_defined_properties>
      <Option type="Map">
       <Option type="QString" name="name" value="" />
       <Option name="properties" />
       <Option type="QString" name="type" value="collection" />
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
   <symbol type="marker" alpha="1" force_rhr="0" name="1" clip_to_extent="1">
    <data_defined_properties>
     <Option type="Map">
      <Option type="QString" name="name" value="" />
      <Option name="properties" />
      <Option type="QString" name="type" value="collection" />
     </Option>
    </data_defined_properties>
    <layer pass="0" locked="0" enabled="1" class="SimpleMarker">
     <Option type="Map">
      <Option type="QString" name="angle" value="0" />
      <Option type="QString" name="cap_style" value="square" />
      <Option type="QString" name="color" value="255,127,14,230" />
      <Option type="QString" name="horizontal_anchor_point" value="1" />
      <Option type="QString" name="joinstyle" value="bevel" />
      <Option type="QString" name="name" value="circle" />
      <Option type="QString" name="offset" value="0,0" />
      <Option type="QString" name="offset_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="offset_unit" value="Pixel" />
      <Option type="QString" name="outline_color" value="255,255,255,255" />
      <Option type="QString" name="outline_style" value="solid" />
      <Option type="QString" name="outline_width" value="1.5" />
      <Option type="QString" name="outline_width_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="outline_width_unit" value="Pixel" />
      <Option type="QString" name="scale_method" value="diameter" />
      <Option type="QString" name="size" value="14" />
      <Option type="QString" name="size_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="size_unit" value="Pixel" />
      <Option type="QString" name="vertical_anchor_point" value="1" />
     </Option>
     <prop k="angle" v="0" />
     <prop k="cap_style" v="square" />
     <prop k="color" v="255,127,14,230" />
     <prop k="horizontal_anchor_point" v="1" />
     <prop k="joinstyle" v="bevel" />
     <prop k="name" v="circle" />
     <prop k="offset" v="0,0" />
     <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="offset_unit" v="Pixel" />
     <prop k="outline_color" v="255,255,255,255" />
     <prop k="outline_style" v="solid" />
     <prop k="outline_width" v="1.5" />
     <prop k="outline_width_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="outline_width_unit" v="Pixel" />
     <prop k="scale_method" v="diameter" />
     <prop k="size" v="14" />
     <prop k="size_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="size_unit" v="Pixel" />
     <prop k="vertical_anchor_point" v="1" />
     <data_defined_properties>
      <Option type="Map">
       <Option type="QString" name="name" value="" />
       <Option name="properties" />
       <Option type="QString" name="type" value="collection" />
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
   <symbol type="marker" alpha="1" force_rhr="0" name="2" clip_to_extent="1">
    <data_defined_properties>
     <Option type="Map">
      <Option type="QString" name="name" value="" />
      <Option name="properties" />
      <Option type="QString" name="type" value="collection" />
     </Option>
    </data_defined_properties>
    <layer pass="0" locked="0" enabled="1" class="SimpleMarker">
     <Option type="Map">
      <Option type="QString" name="angle" value="0" />
      <Option type="QString" name="cap_style" value="square" />
      <Option type="QString" name="color" value="123,31,162,230" />
      <Option type="QString" name="horizontal_anchor_point" value="1" />
      <Option type="QString" name="joinstyle" value="bevel" />
      <Option type="QString" name="name" value="circle" />
      <Option type="QString" name="offset" value="0,0" />
      <Option type="QString" name="offset_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="offset_unit" value="Pixel" />
      <Option type="QString" name="outline_color" value="255,255,255,255" />
      <Option type="QString" name="outline_style" value="solid" />
      <Option type="QString" name="outline_width" value="1.5" />
      <Option type="QString" name="outline_width_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="outline_width_unit" value="Pixel" />
      <Option type="QString" name="scale_method" value="diameter" />
      <Option type="QString" name="size" value="14" />
      <Option type="QString" name="size_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="size_unit" value="Pixel" />
      <Option type="QString" name="vertical_anchor_point" value="1" />
     </Option>
     <prop k="angle" v="0" />
     <prop k="cap_style" v="square" />
     <prop k="color" v="123,31,162,230" />
     <prop k="horizontal_anchor_point" v="1" />
     <prop k="joinstyle" v="bevel" />
     <prop k="name" v="circle" />
     <prop k="offset" v="0,0" />
     <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="offset_unit" v="Pixel" />
     <prop k="outline_color" v="255,255,255,255" />
     <prop k="outline_style" v="solid" />
     <prop k="outline_width" v="1.5" />
     <prop k="outline_width_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="outline_width_unit" v="Pixel" />
     <prop k="scale_method" v="diameter" />
     <prop k="size" v="14" />
     <prop k="size_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="size_unit" v="Pixel" />
     <prop k="vertical_anchor_point" v="1" />
     <data_defined_properties>
      <Option type="Map">
       <Option type="QString" name="name" value="" />
       <Option name="properties" />
       <Option type="QString" name="type" value="collection" />
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
   <symbol type="marker" alpha="1" force_rhr="0" name="3" clip_to_extent="1">
    <data_defined_properties>
     <Option type="Map">
      <Option type="QString" name="name" value="" />
      <Option name="properties" />
      <Option type="QString" name="type" value="collection" />
     </Option>
    </data_defined_properties>
    <layer pass="0" locked="0" enabled="1" class="SimpleMarker">
     <Option type="Map">
      <Option type="QString" name="angle" value="0" />
      <Option type="QString" name="cap_style" value="square" />
      <Option type="QString" name="color" value="31,119,180,230" />
      <Option type="QString" name="horizontal_anchor_point" value="1" />
      <Option type="QString" name="joinstyle" value="bevel" />
      <Option type="QString" name="name" value="circle" />
      <Option type="QString" name="offset" value="0,0" />
      <Option type="QString" name="offset_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="offset_unit" value="Pixel" />
      <Option type="QString" name="outline_color" value="255,255,255,255" />
      <Option type="QString" name="outline_style" value="solid" />
      <Option type="QString" name="outline_width" value="1.5" />
      <Option type="QString" name="outline_width_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="outline_width_unit" value="Pixel" />
      <Option type="QString" name="scale_method" value="diameter" />
      <Option type="QString" name="size" value="14" />
      <Option type="QString" name="size_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="size_unit" value="Pixel" />
      <Option type="QString" name="vertical_anchor_point" value="1" />
     </Option>
     <prop k="angle" v="0" />
     <prop k="cap_style" v="square" />
     <prop k="color" v="31,119,180,230" />
     <prop k="horizontal_anchor_point" v="1" />
     <prop k="joinstyle" v="bevel" />
     <prop k="name" v="circle" />
     <prop k="offset" v="0,0" />
     <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="offset_unit" v="Pixel" />
     <prop k="outline_color" v="255,255,255,255" />
     <prop k="outline_style" v="solid" />
     <prop k="outline_width" v="1.5" />
     <prop k="outline_width_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="outline_width_unit" v="Pixel" />
     <prop k="scale_method" v="diameter" />
     <prop k="size" v="14" />
     <prop k="size_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="size_unit" v="Pixel" />
     <prop k="vertical_anchor_point" v="1" />
     <data_defined_properties>
      <Option type="Map">
       <Option type="QString" name="name" value="" />
       <Option name="properties" />
       <Option type="QString" name="type" value="collection" />
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
   <symbol type="marker" alpha="1" force_rhr="0" name="4" clip_to_extent="1">
    <data_defined_properties>
     <Option type="Map">
      <Option type="QString" name="name" value="" />
      <Option name="properties" />
      <Option type="QString" name="type" value="collection" />
     </Option>
    </data_defined_properties>
    <layer pass="0" locked="0" enabled="1" class="SimpleMarker">
     <Option type="Map">
      <Option type="QString" name="angle" value="0" />
      <Option type="QString" name="cap_style" value="square" />
      <Option type="QString" name="color" value="230,184,0,230" />
      <Option type="QString" name="horizontal_anchor_point" value="1" />
      <Option type="QString" name="joinstyle" value="bevel" />
      <Option type="QString" name="name" value="circle" />
      <Option type="QString" name="offset" value="0,0" />
      <Option type="QString" name="offset_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="offset_unit" value="Pixel" />
      <Option type="QString" name="outline_color" value="255,255,255,255" />
      <Option type="QString" name="outline_style" value="solid" />
      <Option type="QString" name="outline_width" value="1.5" />
      <Option type="QString" name="outline_width_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="outline_width_unit" value="Pixel" />
      <Option type="QString" name="scale_method" value="diameter" />
      <Option type="QString" name="size" value="14" />
      <Option type="QString" name="size_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="size_unit" value="Pixel" />
      <Option type="QString" name="vertical_anchor_point" value="1" />
     </Option>
     <prop k="angle" v="0" />
     <prop k="cap_style" v="square" />
     <prop k="color" v="230,184,0,230" />
     <prop k="horizontal_anchor_point" v="1" />
     <prop k="joinstyle" v="bevel" />
     <prop k="name" v="circle" />
     <prop k="offset" v="0,0" />
     <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="offset_unit" v="Pixel" />
     <prop k="outline_color" v="255,255,255,255" />
     <prop k="outline_style" v="solid" />
     <prop k="outline_width" v="1.5" />
     <prop k="outline_width_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="outline_width_unit" v="Pixel" />
     <prop k="scale_method" v="diameter" />
     <prop k="size" v="14" />
     <prop k="size_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="size_unit" v="Pixel" />
     <prop k="vertical_anchor_point" v="1" />
     <data_defined_properties>
      <Option type="Map">
       <Option type="QString" name="name" value="" />
       <Option name="properties" />
       <Option type="QString" name="type" value="collection" />
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
   <symbol type="marker" alpha="1" force_rhr="0" name="5" clip_to_extent="1">
    <data_defined_properties>
     <Option type="Map">
      <Option type="QString" name="name" value="" />
      <Option name="properties" />
      <Option type="QString" name="type" value="collection" />
     </Option>
    </data_defined_properties>
    <layer pass="0" locked="0" enabled="1" class="SimpleMarker">
     <Option type="Map">
      <Option type="QString" name="angle" value="0" />
      <Option type="QString" name="cap_style" value="square" />
      <Option type="QString" name="color" value="93,109,126,230" />
      <Option type="QString" name="horizontal_anchor_point" value="1" />
      <Option type="QString" name="joinstyle" value="bevel" />
      <Option type="QString" name="name" value="circle" />
      <Option type="QString" name="offset" value="0,0" />
      <Option type="QString" name="offset_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="offset_unit" value="Pixel" />
      <Option type="QString" name="outline_color" value="255,255,255,255" />
      <Option type="QString" name="outline_style" value="solid" />
      <Option type="QString" name="outline_width" value="1.5" />
      <Option type="QString" name="outline_width_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="outline_width_unit" value="Pixel" />
      <Option type="QString" name="scale_method" value="diameter" />
      <Option type="QString" name="size" value="14" />
      <Option type="QString" name="size_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="size_unit" value="Pixel" />
      <Option type="QString" name="vertical_anchor_point" value="1" />
     </Option>
     <prop k="angle" v="0" />
     <prop k="cap_style" v="square" />
     <prop k="color" v="93,109,126,230" />
     <prop k="horizontal_anchor_point" v="1" />
     <prop k="joinstyle" v="bevel" />
     <prop k="name" v="circle" />
     <prop k="offset" v="0,0" />
     <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="offset_unit" v="Pixel" />
     <prop k="outline_color" v="255,255,255,255" />
     <prop k="outline_style" v="solid" />
     <prop k="outline_width" v="1.5" />
     <prop k="outline_width_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="outline_width_unit" v="Pixel" />
     <prop k="scale_method" v="diameter" />
     <prop k="size" v="14" />
     <prop k="size_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="size_unit" v="Pixel" />
     <prop k="vertical_anchor_point" v="1" />
     <data_defined_properties>
      <Option type="Map">
       <Option type="QString" name="name" value="" />
       <Option name="properties" />
       <Option type="QString" name="type" value="collection" />
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
   <symbol type="marker" alpha="1" force_rhr="0" name="6" clip_to_extent="1">
    <data_defined_properties>
     <Option type="Map">
      <Option type="QString" name="name" value="" />
      <Option name="properties" />
      <Option type="QString" name="type" value="collection" />
     </Option>
    </data_defined_properties>
    <layer pass="0" locked="0" enabled="1" class="SimpleMarker">
     <Option type="Map">
      <Option type="QString" name="angle" value="0" />
      <Option type="QString" name="cap_style" value="square" />
      <Option type="QString" name="color" value="140,86,75,230" />
      <Option type="QString" name="horizontal_anchor_point" value="1" />
      <Option type="QString" name="joinstyle" value="bevel" />
      <Option type="QString" name="name" value="circle" />
      <Option type="QString" name="offset" value="0,0" />
      <Option type="QString" name="offset_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="offset_unit" value="Pixel" />
      <Option type="QString" name="outline_color" value="255,255,255,255" />
      <Option type="QString" name="outline_style" value="solid" />
      <Option type="QString" name="outline_width" value="1.5" />
      <Option type="QString" name="outline_width_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="outline_width_unit" value="Pixel" />
      <Option type="QString" name="scale_method" value="diameter" />
      <Option type="QString" name="size" value="14" />
      <Option type="QString" name="size_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="size_unit" value="Pixel" />
      <Option type="QString" name="vertical_anchor_point" value="1" />
     </Option>
     <prop k="angle" v="0" />
     <prop k="cap_style" v="square" />
     <prop k="color" v="140,86,75,230" />
     <prop k="horizontal_anchor_point" v="1" />
     <prop k="joinstyle" v="bevel" />
     <prop k="name" v="circle" />
     <prop k="offset" v="0,0" />
     <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="offset_unit" v="Pixel" />
     <prop k="outline_color" v="255,255,255,255" />
     <prop k="outline_style" v="solid" />
     <prop k="outline_width" v="1.5" />
     <prop k="outline_width_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="outline_width_unit" v="Pixel" />
     <prop k="scale_method" v="diameter" />
     <prop k="size" v="14" />
     <prop k="size_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="size_unit" v="Pixel" />
     <prop k="vertical_anchor_point" v="1" />
     <data_defined_properties>
      <Option type="Map">
       <Option type="QString" name="name" value="" />
       <Option name="properties" />
       <Option type="QString" name="type" value="collection" />
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
   <symbol type="marker" alpha="1" force_rhr="0" name="7" clip_to_extent="1">
    <data_defined_properties>
     <Option type="Map">
      <Option type="QString" name="name" value="" />
      <Option name="properties" />
      <Option type="QString" name="type" value="collection" />
     </Option>
    </data_defined_properties>
    <layer pass="0" locked="0" enabled="1" class="SimpleMarker">
     <Option type="Map">
      <Option type="QString" name="angle" value="0" />
      <Option type="QString" name="cap_style" value="square" />
      <Option type="QString" name="color" value="23,190,207,230" />
      <Option type="QString" name="horizontal_anchor_point" value="1" />
      <Option type="QString" name="joinstyle" value="bevel" />
      <Option type="QString" name="name" value="circle" />
      <Option type="QString" name="offset" value="0,0" />
      <Option type="QString" name="offset_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="offset_unit" value="Pixel" />
      <Option type="QString" name="outline_color" value="255,255,255,255" />
      <Option type="QString" name="outline_style" value="solid" />
      <Option type="QString" name="outline_width" value="1.5" />
      <Option type="QString" name="outline_width_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="outline_width_unit" value="Pixel" />
      <Option type="QString" name="scale_method" value="diameter" />
      <Option type="QString" name="size" value="14" />
      <Option type="QString" name="size_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="size_unit" value="Pixel" />
      <Option type="QString" name="vertical_anchor_point" value="1" />
     </Option>
     <prop k="angle" v="0" />
     <prop k="cap_style" v="square" />
     <prop k="color" v="23,190,207,230" />
     <prop k="horizontal_anchor_point" v="1" />
     <prop k="joinstyle" v="bevel" />
     <prop k="name" v="circle" />
     <prop k="offset" v="0,0" />
     <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="offset_unit" v="Pixel" />
     <prop k="outline_color" v="255,255,255,255" />
     <prop k="outline_style" v="solid" />
     <prop k="outline_width" v="1.5" />
     <prop k="outline_width_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="outline_width_unit" v="Pixel" />
     <prop k="scale_method" v="diameter" />
     <prop k="size" v="14" />
     <prop k="size_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="size_unit" v="Pixel" />
     <prop k="vertical_anchor_point" v="1" />
     <data_defined_properties>
      <Option type="Map">
       <Option type="QString" name="name" value="" />
       <Option name="properties" />
       <Option type="QString" name="type" value="collection" />
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
   <symbol type="marker" alpha="1" force_rhr="0" name="8" clip_to_extent="1">
    <data_defined_properties>
     <Option type="Map">
      <Option type="QString" name="name" value="" />
      <Option name="properties" />
      <Option type="QString" name="type" value="collection" />
     </Option>
    </data_defined_properties>
    <layer pass="0" locked="0" enabled="1" class="SimpleMarker">
     <Option type="Map">
      <Option type="QString" name="angle" value="0" />
      <Option type="QString" name="cap_style" value="square" />
      <Option type="QString" name="color" value="17,17,17,230" />
      <Option type="QString" name="horizontal_anchor_point" value="1" />
      <Option type="QString" name="joinstyle" value="bevel" />
      <Option type="QString" name="name" value="circle" />
      <Option type="QString" name="offset" value="0,0" />
      <Option type="QString" name="offset_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="offset_unit" value="Pixel" />
      <Option type="QString" name="outline_color" value="255,255,255,255" />
      <Option type="QString" name="outline_style" value="solid" />
      <Option type="QString" name="outline_width" value="1.5" />
      <Option type="QString" name="outline_width_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="outline_width_unit" value="Pixel" />
      <Option type="QString" name="scale_method" value="diameter" />
      <Option type="QString" name="size" value="14" />
      <Option type="QString" name="size_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="size_unit" value="Pixel" />
      <Option type="QString" name="vertical_anchor_point" value="1" />
     </Option>
     <prop k="angle" v="0" />
     <prop k="cap_style" v="square" />
     <prop k="color" v="17,17,17,230" />
     <prop k="horizontal_anchor_point" v="1" />
     <prop k="joinstyle" v="bevel" />
     <prop k="name" v="circle" />
     <prop k="offset" v="0,0" />
     <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="offset_unit" v="Pixel" />
     <prop k="outline_color" v="255,255,255,255" />
     <prop k="outline_style" v="solid" />
     <prop k="outline_width" v="1.5" />
     <prop k="outline_width_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="outline_width_unit" v="Pixel" />
     <prop k="scale_method" v="diameter" />
     <prop k="size" v="14" />
     <prop k="size_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="size_unit" v="Pixel" />
     <prop k="vertical_anchor_point" v="1" />
     <data_defined_properties>
      <Option type="Map">
       <Option type="QString" name="name" value="" />
       <Option name="properties" />
       <Option type="QString" name="type" value="collection" />
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
   <symbol type="marker" alpha="1" force_rhr="0" name="9" clip_to_extent="1">
    <data_defined_properties>
     <Option type="Map">
      <Option type="QString" name="name" value="" />
      <Option name="properties" />
      <Option type="QString" name="type" value="collection" />
     </Option>
    </data_defined_properties>
    <layer pass="0" locked="0" enabled="1" class="SimpleMarker">
     <Option type="Map">
      <Option type="QString" name="angle" value="0" />
      <Option type="QString" name="cap_style" value="square" />
      <Option type="QString" name="color" value="44,160,44,230" />
      <Option type="QString" name="horizontal_anchor_point" value="1" />
      <Option type="QString" name="joinstyle" value="bevel" />
      <Option type="QString" name="name" value="circle" />
      <Option type="QString" name="offset" value="0,0" />
      <Option type="QString" name="offset_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="offset_unit" value="Pixel" />
      <Option type="QString" name="outline_color" value="255,255,255,255" />
      <Option type="QString" name="outline_style" value="solid" />
      <Option type="QString" name="outline_width" value="1.5" />
      <Option type="QString" name="outline_width_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="outline_width_unit" value="Pixel" />
      <Option type="QString" name="scale_method" value="diameter" />
      <Option type="QString" name="size" value="14" />
      <Option type="QString" name="size_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="size_unit" value="Pixel" />
      <Option type="QString" name="vertical_anchor_point" value="1" />
     </Option>
     <prop k="angle" v="0" />
     <prop k="cap_style" v="square" />
     <prop k="color" v="44,160,44,230" />
     <prop k="horizontal_anchor_point" v="1" />
     <prop k="joinstyle" v="bevel" />
     <prop k="name" v="circle" />
     <prop k="offset" v="0,0" />
     <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="offset_unit" v="Pixel" />
     <prop k="outline_color" v="255,255,255,255" />
     <prop k="outline_style" v="solid" />
     <prop k="outline_width" v="1.5" />
     <prop k="outline_width_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="outline_width_unit" v="Pixel" />
     <prop k="scale_method" v="diameter" />
     <prop k="size" v="14" />
     <prop k="size_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="size_unit" v="Pixel" />
     <prop k="vertical_anchor_point" v="1" />
     <data_defined_properties>
      <Option type="Map">
       <Option type="QString" name="name" value="" />
       <Option name="properties" />
       <Option type="QString" name="type" value="collection" />
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
   <symbol type="marker" alpha="1" force_rhr="0" name="10" clip_to_extent="1">
    <data_defined_properties>
     <Option type="Map">
      <Option type="QString" name="name" value="" />
      <Option name="properties" />
      <Option type="QString" name="type" value="collection" />
     </Option>
    </data_defined_properties>
    <layer pass="0" locked="0" enabled="1" class="SimpleMarker">
     <Option type="Map">
      <Option type="QString" name="angle" value="0" />
      <Option type="QString" name="cap_style" value="square" />
      <Option type="QString" name="color" value="227,119,194,230" />
      <Option type="QString" name="horizontal_anchor_point" value="1" />
      <Option type="QString" name="joinstyle" value="bevel" />
      <Option type="QString" name="name" value="circle" />
      <Option type="QString" name="offset" value="0,0" />
      <Option type="QString" name="offset_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="offset_unit" value="Pixel" />
      <Option type="QString" name="outline_color" value="255,255,255,255" />
      <Option type="QString" name="outline_style" value="solid" />
      <Option type="QString" name="outline_width" value="1.5" />
      <Option type="QString" name="outline_width_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="outline_width_unit" value="Pixel" />
      <Option type="QString" name="scale_method" value="diameter" />
      <Option type="QString" name="size" value="14" />
      <Option type="QString" name="size_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="size_unit" value="Pixel" />
      <Option type="QString" name="vertical_anchor_point" value="1" />
     </Option>
     <prop k="angle" v="0" />
     <prop k="cap_style" v="square" />
     <prop k="color" v="227,119,194,230" />
     <prop k="horizontal_anchor_point" v="1" />
     <prop k="joinstyle" v="bevel" />
     <prop k="name" v="circle" />
     <prop k="offset" v="0,0" />
     <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="offset_unit" v="Pixel" />
     <prop k="outline_color" v="255,255,255,255" />
     <prop k="outline_style" v="solid" />
     <prop k="outline_width" v="1.5" />
     <prop k="outline_width_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="outline_width_unit" v="Pixel" />
     <prop k="scale_method" v="diameter" />
     <prop k="size" v="14" />
     <prop k="size_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="size_unit" v="Pixel" />
     <prop k="vertical_anchor_point" v="1" />
     <data_defined_properties>
      <Option type="Map">
       <Option type="QString" name="name" value="" />
       <Option name="properties" />
       <Option type="QString" name="type" value="collection" />
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
   <symbol type="marker" alpha="1" force_rhr="0" name="11" clip_to_extent="1">
    <data_defined_properties>
     <Option type="Map">
      <Option type="QString" name="name" value="" />
      <Option name="properties" />
      <Option type="QString" name="type" value="collection" />
     </Option>
    </data_defined_properties>
    <layer pass="0" locked="0" enabled="1" class="SimpleMarker">
     <Option type="Map">
      <Option type="QString" name="angle" value="0" />
      <Option type="QString" name="cap_style" value="square" />
      <Option type="QString" name="color" value="158,158,158,230" />
      <Option type="QString" name="horizontal_anchor_point" value="1" />
      <Option type="QString" name="joinstyle" value="bevel" />
      <Option type="QString" name="name" value="circle" />
      <Option type="QString" name="offset" value="0,0" />
      <Option type="QString" name="offset_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="offset_unit" value="Pixel" />
      <Option type="QString" name="outline_color" value="255,255,255,255" />
      <Option type="QString" name="outline_style" value="solid" />
      <Option type="QString" name="outline_width" value="1.5" />
      <Option type="QString" name="outline_width_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="outline_width_unit" value="Pixel" />
      <Option type="QString" name="scale_method" value="diameter" />
      <Option type="QString" name="size" value="14" />
      <Option type="QString" name="size_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="size_unit" value="Pixel" />
      <Option type="QString" name="vertical_anchor_point" value="1" />
     </Option>
     <prop k="angle" v="0" />
     <prop k="cap_style" v="square" />
     <prop k="color" v="158,158,158,230" />
     <prop k="horizontal_anchor_point" v="1" />
     <prop k="joinstyle" v="bevel" />
     <prop k="name" v="circle" />
     <prop k="offset" v="0,0" />
     <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="offset_unit" v="Pixel" />
     <prop k="outline_color" v="255,255,255,255" />
     <prop k="outline_style" v="solid" />
     <prop k="outline_width" v="1.5" />
     <prop k="outline_width_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="outline_width_unit" v="Pixel" />
     <prop k="scale_method" v="diameter" />
     <prop k="size" v="14" />
     <prop k="size_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="size_unit" v="Pixel" />
     <prop k="vertical_anchor_point" v="1" />
     <data_defined_properties>
      <Option type="Map">
       <Option type="QString" name="name" value="" />
       <Option name="properties" />
       <Option type="QString" name="type" value="collection" />
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
  </symbols>
  <source-symbol>
   <symbol type="marker" alpha="1" force_rhr="0" name="0" clip_to_extent="1">
    <data_defined_properties>
     <Option type="Map">
      <Option type="QString" name="name" value="" />
      <Option name="properties" />
      <Option type="QString" name="type" value="collection" />
     </Option>
    </data_defined_properties>
    <layer pass="0" locked="0" enabled="1" class="SimpleMarker">
     <Option type="Map">
      <Option type="QString" name="angle" value="0" />
      <Option type="QString" name="cap_style" value="square" />
      <Option type="QString" name="color" value="158,158,158,255" />
      <Option type="QString" name="horizontal_anchor_point" value="1" />
      <Option type="QString" name="joinstyle" value="bevel" />
      <Option type="QString" name="name" value="circle" />
      <Option type="QString" name="offset" value="0,0" />
      <Option type="QString" name="offset_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="offset_unit" value="Pixel" />
      <Option type="QString" name="outline_color" value="255,255,255,255" />
      <Option type="QString" name="outline_style" value="solid" />
      <Option type="QString" name="outline_width" value="1.5" />
      <Option type="QString" name="outline_width_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="outline_width_unit" value="Pixel" />
      <Option type="QString" name="scale_method" value="diameter" />
      <Option type="QString" name="size" value="14" />
      <Option type="QString" name="size_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="size_unit" value="Pixel" />
      <Option type="QString" name="vertical_anchor_point" value="1" />
     </Option>
     <prop k="angle" v="0" />
     <prop k="cap_style" v="square" />
     <prop k="color" v="158,158,158,255" />
     <prop k="horizontal_anchor_point" v="1" />
     <prop k="joinstyle" v="bevel" />
     <prop k="name" v="circle" />
     <prop k="offset" v="0,0" />
     <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="offset_unit" v="Pixel" />
     <prop k="outline_color" v="255,255,255,255" />
     <prop k="outline_style" v="solid" />
     <prop k="outline_width" v="1.5" />
     <prop k="outline_width_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="outline_width_unit" v="Pixel" />
     <prop k="scale_method" v="diameter" />
     <prop k="size" v="14" />
     <prop k="size_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="size_unit" v="Pixel" />
     <prop k="vertical_anchor_point" v="1" />
     <data_defined_properties>
      <Option type="Map">
       <Option type="QString" name="name" value="" />
       <Option name="properties" />
       <Option type="QString" name="type" value="collection" />
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
  </source-symbol>
  <rotation />
  <sizescale />
 </renderer-v2>
 <blendMode>0</blendMode>
 <featureBlendMode>0</featureBlendMode>
 <layerOpacity>1</layerOpacity>
 <legend type="default-vector" showLabelLegend="0" />
 <previewExpression>"place_name"</previewExpression>
 <mapTip>&lt;b&gt;[% "event_type" %]&lt;/b&gt; · [% "sub_event_type" %]&lt;br&gt;[% "place_name" %], [% "event_date" %]&lt;br&gt;[% "evidence" %]</mapTip>
 <layerGeometryType>0</layerGeometryType>
</qgis>
